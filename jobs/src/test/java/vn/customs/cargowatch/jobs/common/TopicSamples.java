package vn.customs.cargowatch.jobs.common;

import java.util.List;
import java.util.Map;
import vn.customs.cargowatch.model.Topic;

/**
 * Valid messages of every input topic, as a careful sender writes them: the fuzzer's starting points. Between them
 * they use every optional field of the contract, both forms of time, and two senders or more per topic, so that a
 * decoder that has read them has a time to judge a message against.
 */
final class TopicSamples {

    static final Map<Topic<?>, List<String>> BY_TOPIC = Map.ofEntries(
            Map.entry(Topic.SEAL_FIXES, List.of(
                    "{\"imei\":\"356938035643809\",\"ts\":\"2026-11-22T06:00:00Z\",\"lat\":20.8612,\"lon\":106.6791,"
                            + "\"speedKmh\":42.5,\"heading\":287.4,\"satellites\":9,\"hdop\":0.9,\"battery\":81.5,"
                            + "\"door\":\"CLOSED\"}",
                    "{\"imei\":\"356938035643810\",\"ts\":1795327260000,\"lat\":20.9344,\"lon\":106.3317}",
                    "{\"imei\":\"356938035643811\",\"ts\":\"2026-11-22T13:02:30.250+07:00\",\"lat\":21.0301,"
                            + "\"lon\":105.9302,\"speedKmh\":0.0,\"battery\":12.0,\"door\":\"OPEN\"}")),
            Map.entry(Topic.SEAL_EVENTS, List.of(
                    "{\"imei\":\"356938035643809\",\"ts\":\"2026-11-22T06:05:00Z\",\"type\":\"DOOR_OPEN\","
                            + "\"lat\":20.9012,\"lon\":106.5521}",
                    "{\"imei\":\"356938035643810\",\"ts\":1795327260000,\"type\":\"TAMPER\"}",
                    "{\"imei\":\"356938035643811\",\"ts\":\"2026-11-22T13:10:00+07:00\",\"type\":\"LOW_BATTERY\","
                            + "\"lat\":21.0,\"lon\":105.93}",
                    "{\"imei\":\"356938035643809\",\"ts\":\"2026-11-22T06:20:00.5Z\",\"type\":\"POWER_OFF\"}")),
            Map.entry(Topic.SEAL_TRIPS, List.of(
                    "{\"tripId\":\"HP-GL-20261122-0001\",\"type\":\"REGISTERED\",\"ts\":\"2026-11-22T05:30:00Z\","
                            + "\"imei\":\"356938035643809\",\"containerNo\":\"MSKU1234565\","
                            + "\"declarationNo\":\"106543217890\",\"truckPlate\":\"15C-123.45\","
                            + "\"trailerPlate\":\"15R-012.34\",\"regime\":\"TEMP_IMPORT_REEXPORT\","
                            + "\"origin\":{\"unitCode\":\"03CE\",\"name\":\"Chi cục HQ CK cảng Hải Phòng KV III\","
                            + "\"lat\":20.86,\"lon\":106.68},"
                            + "\"destination\":{\"unitCode\":\"01IK\",\"name\":\"Chi cục HQ Gia Lâm\",\"lat\":21.03,"
                            + "\"lon\":105.93,\"icdCode\":\"ICDGL\"},"
                            + "\"expectedStart\":\"2026-11-22T06:00:00Z\",\"expectedEnd\":\"2026-11-22T09:00:00Z\","
                            + "\"route\":{\"type\":\"LineString\",\"coordinates\":[[106.68,20.86],[106.5,20.9],"
                            + "[106.31,20.93],[105.93,21.03]]},\"corridorMeters\":500.0,"
                            + "\"contacts\":[{\"role\":\"DRIVER\",\"name\":\"Nguyễn Văn An\",\"phone\":\"0912345678\"},"
                            + "{\"role\":\"DECLARANT\",\"phone\":\"+84903123456\"}],"
                            + "\"branchCode\":\"03CE\",\"departmentCode\":\"03PL\"}",
                    "{\"tripId\":\"LS-HP-20261122-0007\",\"type\":\"REGISTERED\",\"ts\":1795324200000,"
                            + "\"imei\":\"356938035643810\",\"containerNo\":\"CSQU3054383\","
                            + "\"truckPlate\":\"12C-045.67\","
                            + "\"regime\":\"BORDER_GATE_TRANSFER\","
                            + "\"origin\":{\"unitCode\":\"15BC\",\"lat\":21.85,\"lon\":106.76,\"icdCode\":\"ICDTD\"},"
                            + "\"destination\":{\"unitCode\":\"03CE\",\"lat\":20.86,\"lon\":106.68},"
                            + "\"expectedEnd\":1795345800000,"
                            + "\"route\":{\"type\":\"LineString\",\"coordinates\":[[106.76,21.85],[106.68,20.86]]},"
                            + "\"branchCode\":\"15BC\"}",
                    "{\"tripId\":\"HP-GL-20261122-0001\",\"type\":\"ACTIVATED\",\"ts\":\"2026-11-22T06:00:00Z\","
                            + "\"imei\":\"356938035643809\"}",
                    "{\"tripId\":\"HP-GL-20261122-0001\",\"type\":\"DESTINATION_CHANGED\","
                            + "\"ts\":\"2026-11-22T14:00:00+07:00\",\"imei\":\"356938035643809\","
                            + "\"destination\":{\"unitCode\":\"01PR\",\"name\":\"Chi cục HQ Bắc Hà Nội\",\"lat\":21.07,"
                            + "\"lon\":105.8,\"icdCode\":\"ICDMD\"},\"expectedEnd\":\"2026-11-22T10:30:00Z\","
                            + "\"route\":{\"type\":\"LineString\",\"coordinates\":[[106.31,20.93],[105.8,21.07]]}}",
                    "{\"tripId\":\"HP-GL-20261122-0001\",\"type\":\"ARRIVED\",\"ts\":\"2026-11-22T08:40:00Z\","
                            + "\"imei\":\"356938035643809\"}",
                    "{\"tripId\":\"LS-HP-20261122-0007\",\"type\":\"CANCELLED\",\"ts\":1795330800000,"
                            + "\"imei\":\"356938035643810\"}")),
            Map.entry(Topic.IGNORE_ZONES, List.of(
                    "{\"zoneId\":\"Z-HD-01\",\"name\":\"Vùng lõm sóng cầu Phú Lương\",\"op\":\"UPSERT\","
                            + "\"polygon\":{\"type\":\"Polygon\",\"coordinates\":[[[106.30,20.92],[106.33,20.92],"
                            + "[106.33,20.95],[106.30,20.95],[106.30,20.92]]]}}",
                    "{\"zoneId\":\"Z-HN-02\",\"op\":\"UPSERT\",\"polygon\":{\"type\":\"Polygon\",\"coordinates\":"
                            + "[[[105.90,21.00],[106.00,21.00],[106.00,21.10],[105.90,21.10],[105.90,21.00]],"
                            + "[[105.94,21.04],[105.96,21.04],[105.96,21.06],[105.94,21.04]]]}}",
                    "{\"zoneId\":\"Z-HD-01\",\"op\":\"DELETE\"}")),
            Map.entry(Topic.CUSTOMS_OFFICES, List.of(
                    "{\"unitCode\":\"00\",\"name\":\"Tổng cục Hải quan\",\"level\":\"GENERAL\",\"lat\":21.0245,"
                            + "\"lon\":105.8412}",
                    "{\"unitCode\":\"03PL\",\"name\":\"Cục Hải quan TP Hải Phòng\",\"level\":\"DEPARTMENT\","
                            + "\"parentCode\":\"00\",\"lat\":20.865,\"lon\":106.683}",
                    "{\"unitCode\":\"03CE\",\"name\":\"Chi cục HQ CK cảng Hải Phòng KV III\",\"level\":\"BRANCH\","
                            + "\"parentCode\":\"03PL\",\"lat\":20.86,\"lon\":106.68,\"phone\":\"02253842xxx\"}",
                    "{\"unitCode\":\"01IK\",\"name\":\"Chi cục HQ Gia Lâm\",\"level\":\"BRANCH\","
                            + "\"parentCode\":\"01\",\"lat\":21.06,\"lon\":105.8945,\"icdCodes\":[\"ICD-GIALAM\"]}")),
            Map.entry(Topic.CAMERA_RECOGNITIONS, List.of(
                    "{\"eventId\":\"GL-G1-20261122-000123\",\"icdCode\":\"ICD-GIALAM\",\"gateId\":\"ICD-GIALAM-G1\","
                            + "\"lane\":\"L1\",\"cameraId\":\"ICD-GIALAM-G1-CAM1\",\"direction\":\"IN\","
                            + "\"ts\":\"2026-11-22T06:10:00Z\",\"containerNo\":\"CSQU3054383\","
                            + "\"plate\":\"29C-123.45\","
                            + "\"confidence\":0.93,\"empty\":false,"
                            + "\"imageUri\":\"s3://icd-gialam/2026/11/22/G1/000123.jpg\"}",
                    "{\"eventId\":\"GL-G2-20261122-000045\",\"icdCode\":\"ICD-GIALAM\",\"gateId\":\"ICD-GIALAM-G2\","
                            + "\"cameraId\":\"ICD-GIALAM-G2-CAM1\",\"direction\":\"OUT\",\"ts\":1795327800000,"
                            + "\"containerNo\":\"MSKU1234565\",\"containerNo2\":\"TGHU8765432\","
                            + "\"plate\":\"29H01234\",\"confidence\":0.71}",
                    "{\"eventId\":\"GL-G1-20261122-000124\",\"icdCode\":\"ICD-GIALAM\",\"gateId\":\"ICD-GIALAM-G1\","
                            + "\"lane\":\"L3\",\"cameraId\":\"ICD-GIALAM-G1-CAM2\",\"direction\":\"IN\","
                            + "\"ts\":\"2026-11-22T13:12:00+07:00\",\"containerNo\":\"TCLU1234560\",\"empty\":true}",
                    "{\"eventId\":\"GL-G2-20261122-000046\",\"icdCode\":\"ICD-GIALAM\",\"gateId\":\"ICD-GIALAM-G2\","
                            + "\"cameraId\":\"ICD-GIALAM-G2-CAM1\",\"direction\":\"OUT\","
                            + "\"ts\":\"2026-11-22T06:15:00.125Z\"}",
                    "{\"eventId\":\"GL-G2-20261122-000046-hand\",\"icdCode\":\"ICD-GIALAM\","
                            + "\"gateId\":\"ICD-GIALAM-G2\",\"cameraId\":\"HAND\",\"direction\":\"OUT\","
                            + "\"ts\":\"2026-11-22T06:40:00Z\",\"containerNo\":\"MSKU1234565\","
                            + "\"plate\":\"29H01234\",\"enteredBy\":\"Lê Văn Cường\",\"enteredByUnit\":\"01IK\","
                            + "\"completes\":\"GL-G2-20261122-000046\"}")),
            Map.entry(Topic.CUSTOMS_DECLARATIONS, List.of(
                    "{\"declarationNo\":\"106543217890\",\"kind\":\"IMPORT\",\"icdCode\":\"ICD-GIALAM\","
                            + "\"containers\":[\"CSQU3054383\",\"MSKU1234565\"],\"plates\":[\"29C12345\"],"
                            + "\"status\":\"CLEARED\",\"risk\":\"RED\",\"ts\":\"2026-11-22T05:00:00Z\"}",
                    "{\"declarationNo\":\"306512345678\",\"kind\":\"EXPORT\",\"icdCode\":\"ICD-GIALAM\","
                            + "\"containers\":[\"TGHU8765432\"],\"status\":\"REGISTERED\",\"ts\":1795323600000}",
                    "{\"declarationNo\":\"506500011122\",\"kind\":\"TRANSIT\",\"icdCode\":\"ICD-TIENSON\","
                            + "\"containers\":[\"TCLU1234560\",\"CSQU3054383\",\"MSKU1234565\"],"
                            + "\"plates\":[\"15C-123.45\",\"15R-012.34\"],\"status\":\"RELEASED\",\"risk\":\"WATCH\","
                            + "\"ts\":\"2026-11-22T12:30:00+07:00\"}")),
            Map.entry(Topic.ALERTS_ACTIONS, List.of(
                    "{\"alertId\":\"0b5f1f2e-5c1a-3c43-9a8e-0f4f7d2c9b11\",\"action\":\"ACK\","
                            + "\"by\":\"Nguyễn Văn An\",\"byUnit\":\"03CE\",\"ts\":\"2026-11-22T06:12:00Z\","
                            + "\"note\":\"đã gọi lái xe\"}",
                    "{\"alertId\":\"0b5f1f2e-5c1a-3c43-9a8e-0f4f7d2c9b11\",\"action\":\"ESCALATE\","
                            + "\"by\":\"Nguyễn Văn An\",\"byUnit\":\"03CE\",\"ts\":\"2026-11-22T13:30:00+07:00\","
                            + "\"note\":\"lái xe không nghe máy\",\"escalateTo\":\"03TG\"}",
                    "{\"alertId\":\"7d1e2a90-6b3f-3e55-8c1d-2a9b4c6e8f00\",\"action\":\"VERIFY\","
                            + "\"by\":\"Trần Thị Bình\",\"byUnit\":\"03PL\",\"ts\":1795328400000}",
                    "{\"alertId\":\"7d1e2a90-6b3f-3e55-8c1d-2a9b4c6e8f00\",\"action\":\"RESOLVE\","
                            + "\"by\":\"Trần Thị Bình\",\"byUnit\":\"03PL\",\"ts\":\"2026-11-22T07:00:00Z\"}")),
            Map.entry(Topic.CUSTOMS_DUTY_ROSTER, List.of(
                    "{\"unitCode\":\"03CE\",\"shiftStart\":\"2026-11-22T06:00:00+07:00\","
                            + "\"shiftEnd\":\"2026-11-22T18:00:00+07:00\",\"phones\":[\"84912345678\",\"84987654321\"],"
                            + "\"ts\":\"2026-11-22T05:30:00+07:00\"}",
                    "{\"unitCode\":\"03TG\",\"shiftStart\":1795327200000,\"shiftEnd\":1795370400000,"
                            + "\"phones\":[\"84900000001\"],\"ts\":1795323600000}")),
            Map.entry(Topic.TRIPS_INSPECTIONS, List.of(
                    "{\"tripId\":\"03CE-2026-000123\",\"by\":\"Đỗ Thị Mai\",\"byUnit\":\"01IK\","
                            + "\"ts\":\"2026-11-22T15:10:00+07:00\",\"container\":\"INTACT\",\"gpsSeal\":\"NOT_INTACT\","
                            + "\"customsSeal\":\"INTACT\",\"reason\":\"seal bị va đập\",\"measures\":\"thay seal\","
                            + "\"result\":\"đã niêm phong lại\",\"explanations\":[{\"alertId\":"
                            + "\"0b5f1f2e-5c1a-3c43-9a8e-0f4f7d2c9b11\",\"text\":\"xe tránh đường ngập\"}]}",
                    "{\"tripId\":\"03CE-2026-000124\",\"by\":\"Đỗ Thị Mai\",\"byUnit\":\"01IK\","
                            + "\"ts\":1795328100000,\"container\":\"INTACT\",\"gpsSeal\":\"INTACT\","
                            + "\"customsSeal\":\"INTACT\",\"explanations\":[]}")),
            Map.entry(Topic.GATE_REVIEW_ACTIONS, List.of(
                    "{\"eventId\":\"GL-G1-20261122-000124\",\"action\":\"CONFIRM\",\"by\":\"Trần Thị Bình\","
                            + "\"byUnit\":\"01IK\",\"ts\":\"2026-11-22T13:40:00+07:00\","
                            + "\"note\":\"đã đối chiếu camera quan sát\"}",
                    "{\"eventId\":\"GL-G2-20261122-000046\",\"action\":\"CONFIRM\",\"by\":\"Lê Văn Cường\","
                            + "\"byUnit\":\"01IK\",\"ts\":1795328100000,\"byAddress\":\"10.0.0.7\"}")));

    private TopicSamples() {}

    static List<String> of(Topic<?> topic) {
        return BY_TOPIC.get(topic);
    }
}
