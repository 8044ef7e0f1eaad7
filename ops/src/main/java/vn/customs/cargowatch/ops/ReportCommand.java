package vn.customs.cargowatch.ops;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.customs.cargowatch.ops.alerts.AlertFiles;
import vn.customs.cargowatch.ops.alerts.AlertStore;
import vn.customs.cargowatch.ops.config.ConfigFile;
import vn.customs.cargowatch.ops.report.CameraQuarter;
import vn.customs.cargowatch.ops.report.CsvReport;
import vn.customs.cargowatch.ops.report.MonthlyReport;
import vn.customs.cargowatch.ops.report.PdfReport;
import vn.customs.cargowatch.ops.report.Report;
import vn.customs.cargowatch.ops.report.ShiftJournal;
import vn.customs.cargowatch.ops.report.TripSummary;

/**
 * The officers' records as files (issue 14) — {@code report trip}: the trip summary (3740 §II.3); {@code report
 * shift}: the shift's journal and handover (Phụ lục I, §I.10.3.b); {@code report monthly}: the monthly report (Phụ
 * lục IV); {@code report quarterly-cameras}: the camera system's quarter (1572 §III.3) — as PDF for the customs file
 * or CSV for the analytics team, from one report model ({@link Report}). Sources: a replay's output
 * folder ({@code --output}, with its input for the phones, the route and the units' names) or Kafka and Cassandra
 * ({@code --config}).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write an officers' report as PDF or CSV: trip (the trip summary, 3740 §II.3), shift (the "
                + "shift's journal and handover, 3740 Phụ lục I, §I.10.3.b), monthly (3740 Phụ lục IV), "
                + "quarterly-cameras (the camera system's quarter, 1572 §III.3).",
        subcommands = {ReportCommand.Trip.class, ReportCommand.Shift.class, ReportCommand.Monthly.class,
                ReportCommand.QuarterlyCameras.class})
final class ReportCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "say which report: trip, shift, monthly or quarterly-cameras");
    }

    enum Format { pdf, csv }

    /** Where a report is read from and how it is written. */
    static final class Output {

        @Option(names = "--output", paramLabel = "DIR", description = "a replay's output folder")
        Path output;

        @Option(names = "--input", paramLabel = "DIR",
                description = "with --output: the replay's input folder (phones, route, units' names)")
        Path input;

        @Option(names = "--config", paramLabel = "FILE",
                description = "production: YAML configuration (Cassandra, Kafka)")
        Path config;

        @Option(names = "--format", required = true, paramLabel = "pdf|csv", description = "pdf or csv")
        Format format;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "the file to write")
        Path out;

        AlertStore open() {
            if (output != null && config != null) {
                throw new UserError("give either --output DIR (a replay's) or --config FILE (Cassandra), not both");
            }
            if (output == null && input != null) {
                throw new UserError("--input goes with --output: the replay's two folders");
            }
            return output != null ? new AlertFiles(input != null ? input : output, output)
                    : AlertStore.open(null, null, config);
        }

        /** Builds the report from the source, writes it and says where: the command's whole work. */
        int report(CommandLine.Model.CommandSpec spec, String what, Function<AlertStore, Report> build) {
            try (AlertStore store = open()) {
                spec.commandLine().getOut().println(what + " written to " + write(build.apply(store)));
            }
            return 0;
        }

        /** Writes {@code report} to {@code --out}, whole or not at all. */
        String write(Report report) {
            Path target = out.toAbsolutePath();
            try {
                Files.createDirectories(target.getParent());
                Path partial = target.resolveSibling(target.getFileName() + ".partial");
                try (OutputStream stream = Files.newOutputStream(partial)) {
                    if (format == Format.pdf) {
                        PdfReport.write(report, stream);
                    } else {
                        CsvReport.write(report, stream);
                    }
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UserError("cannot write " + out + ": " + e.getMessage());
            }
            return target.toString();
        }
    }

    @Command(name = "trip", mixinStandardHelpOptions = true,
            description = "The trip summary (Báo cáo tóm tắt kết quả theo dõi, 3740 §II.3).")
    static final class Trip implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "TRIP_ID", description = "the trip's id")
        String tripId;

        @Mixin
        Output output;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return output.report(spec, "trip summary of " + tripId, store -> TripSummary.of(store, tripId));
        }
    }

    @Command(name = "shift", mixinStandardHelpOptions = true,
            description = "The shift's journal (Nhật ký trung tâm giám sát, 3740 Phụ lục I) and handover list "
                    + "(§I.10.3.b; at ICDs 1572 §II.1.5, §II.1.8).")
    static final class Shift implements Callable<Integer> {

        @Option(names = "--unit", required = true, paramLabel = "UNIT",
                description = "a Branch, Department or General Department unit code, or an ICD code")
        String unit;

        @Option(names = "--at", required = true, paramLabel = "TIME",
                description = "a time in the shift (ISO-8601 with offset, e.g. 2026-11-22T20:00:00+07:00)")
        String at;

        @Mixin
        Output output;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Instant time = AlertCommand.parseTime(at);
            // the shifts the pipeline's review list uses (gate.shiftChanges): --config's, else the defaults and the
            // environment's CARGOWATCH_GATE_SHIFTCHANGES, as a replay without --config has them
            ConfigFile.Settings settings = ConfigFile.settings(output.config);
            List<LocalTime> shiftChanges = settings.gate().shiftChanges();
            // whether the pipeline ran: the operators' Prometheus (prometheus.url), which only production has
            String prometheus = output.config == null ? null : settings.prometheusUrl().orElse(null);
            return output.report(spec, "shift journal of " + unit,
                    store -> ShiftJournal.of(store, unit, time, shiftChanges, prometheus));
        }
    }

    @Command(name = "monthly", mixinStandardHelpOptions = true,
            description = "The monthly report on the GPS seal system (3740 Phụ lục IV, due before the 10th, §III.2).")
    static final class Monthly implements Callable<Integer> {

        @Option(names = "--month", required = true, paramLabel = "YYYY-MM", converter = MonthConverter.class,
                description = "the month, in Vietnam time")
        YearMonth month;

        @Option(names = "--department", paramLabel = "CODE", description = "one Department's report (default: all)")
        String department;

        @Mixin
        Output output;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return output.report(spec, "monthly report of " + month + (department == null ? "" : " for " + department),
                    store -> MonthlyReport.of(store, month, department));
        }
    }

    /** {@code YYYY-MM}, or the user's mistake in one line. */
    static final class MonthConverter implements CommandLine.ITypeConverter<YearMonth> {
        @Override
        public YearMonth convert(String value) {
            try {
                return YearMonth.parse(value);
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a month: give YYYY-MM, e.g. "
                        + "2026-11");
            }
        }
    }

    @Command(name = "quarterly-cameras", mixinStandardHelpOptions = true,
            description = "The quarterly report on the camera system (Báo cáo tình hình hoạt động hệ thống camera "
                    + "giám sát, 1572 §III.3): per ICD and camera, recognitions, completeness, incidents, uptime.")
    static final class QuarterlyCameras implements Callable<Integer> {

        @Option(names = "--quarter", required = true, paramLabel = "YYYY-Qn",
                description = "the quarter, in Vietnam time (e.g. 2026-Q4)")
        String quarter;

        @Option(names = "--department", paramLabel = "CODE",
                description = "only the ICDs of this Department's Branches (customs.offices icdCodes)")
        String department;

        @Mixin
        Output output;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return output.report(spec, "quarterly camera report of " + quarter.strip().toUpperCase(Locale.ROOT)
                    + (department == null ? "" : " (" + department + ")"),
                    store -> CameraQuarter.of(store, quarter, department));
        }
    }
}
