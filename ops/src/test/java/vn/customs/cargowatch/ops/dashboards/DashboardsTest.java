package vn.customs.cargowatch.ops.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.ops.dashboards.Dashboards.Query;

/** The query helper substitutes as Grafana and the Cassandra plugin do, and finds every query of the boards. */
class DashboardsTest {

    // 22 Nov 2026, 17:30 UTC is already 23 Nov, 00:30 in Vietnam.
    private static final Instant FROM = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-22T17:30:00Z");

    @Test
    void shouldQuoteMultiValuesForCqlAsSqlStrings() {
        String cql = Dashboards.cql("SELECT * FROM t WHERE unit_code IN (${branch:sqlstring})",
                Map.of("branch", List.of("HP01", "O'Neil")), FROM, TO);

        assertThat(cql).isEqualTo("SELECT * FROM t WHERE unit_code IN ('HP01','O''Neil')");
    }

    @Test
    void shouldQuoteASingleValueAsOneSqlString() {
        assertThat(Dashboards.cql("WHERE trip_id = ${trip:sqlstring}", Map.of("trip", "T-1"), FROM, TO))
                .isEqualTo("WHERE trip_id = 'T-1'");
        assertThat(Dashboards.cql("WHERE trip_id = ${trip:sqlstring}", Map.of("trip", ""), FROM, TO))
                .isEqualTo("WHERE trip_id = ''");
    }

    @Test
    void shouldFormatTheOtherWaysGrafanaDoes() {
        Map<String, Object> vars = Map.of("v", List.of("a.b", "c"), "one", "x");

        assertThat(Dashboards.cql("${v:csv}|${v:singlequote}|${v:doublequote}|${v:pipe}|${v:regex}|${v:raw}",
                vars, FROM, TO)).isEqualTo("a.b,c|'a.b','c'|\"a.b\",\"c\"|a.b|c|(a\\.b|c)|a.b,c");
        assertThat(Dashboards.cql("$v $one [[one]] ${one}", vars, FROM, TO)).isEqualTo("{a.b,c} x x x");
    }

    @Test
    void shouldReplaceThePluginsTimeMacrosAfterGrafanasVariables() {
        String cql = Dashboards.cql("ts >= $__timeFrom AND ts <= $__timeTo AND s > $__unixEpochFrom AND s < "
                + "$__unixEpochTo", Map.of(), FROM, TO);

        assertThat(cql).isEqualTo("ts >= 1795341600000 AND ts <= 1795368600000 AND s > 1795341600 AND s < 1795368600");
    }

    @Test
    void shouldFormatTheRangesDaysInVietnamTime() {
        String cql = Dashboards.cql("day IN ('${__from:date:YYYY-MM-DD}', '${__to:date:YYYY-MM-DD}') "
                + "month = '${__from:date:YYYY-MM}' at '${__to:date:YYYY-MM-DD} 06:00:00+0700'", Map.of(), FROM, TO);

        assertThat(cql).isEqualTo("day IN ('2026-11-22', '2026-11-23') month = '2026-11' at '2026-11-23 06:00:00+0700'");
        assertThat(Dashboards.cql("$__from ${__to:date} ${__to:date:seconds}", Map.of(), FROM, TO))
                .isEqualTo("1795341600000 2026-11-22T17:30:00.000Z 1795368600");
    }

    @Test
    void shouldRefuseAVariableItHasNoValueFor() {
        assertThatThrownBy(() -> Dashboards.cql("WHERE unit_code IN (${brnach:sqlstring})", Map.of("branch", "B"),
                FROM, TO)).hasMessageContaining("$brnach");
    }

    @Test
    void shouldFillPrometheusIntervalsForTheRange() {
        String promql = Dashboards.promql("rate(x[$__rate_interval]) increase(x[$__range]) avg_over_time(x[$__interval])",
                Map.of(), Duration.ofHours(6));

        // 6 h over 1000 points is 21.6 s, rounded to 30 s; the rate interval is at least 4 scrapes of 15 s.
        assertThat(promql).isEqualTo("rate(x[1m]) increase(x[21600s]) avg_over_time(x[30s])");
        assertThat(Dashboards.promql("rate(x[$__rate_interval])", Map.of(), Duration.ofDays(7)))
                .isEqualTo("rate(x[915s])");
    }

    @Test
    void shouldFormatMultiValueVariablesAsARegexForPrometheus() {
        assertThat(Dashboards.promql("x{icd=~\"$icd\"}", Map.of("icd", List.of("ICD-GL", "ICD.MD")), Duration.ofHours(1)))
                .isEqualTo("x{icd=~\"(ICD-GL|ICD\\\\.MD)\"}");
        assertThat(Dashboards.promql("x{icd=~\"$icd\"}", Map.of("icd", List.of("ICD-GL")), Duration.ofHours(1)))
                .isEqualTo("x{icd=~\"ICD-GL\"}");
        assertThat(Dashboards.promql("x{topic=\"$topic\"}", Map.of("topic", "seal.fixes"), Duration.ofHours(1)))
                .isEqualTo("x{topic=\"seal.fixes\"}");
    }

    @Test
    void shouldListEveryBoardsQueriesWithTheirDatasourceAndType() {
        List<Query> queries = Dashboards.queries();

        assertThat(queries).extracting(Query::dashboardUid).containsOnly("cargowatch-live", "cargowatch-trip",
                "cargowatch-icd", "cargowatch-health", "cargowatch-monthly");
        assertThat(queries).allSatisfy(q -> assertThat(q.text()).as(q.panelTitle()).isNotBlank());
        assertThat(queries).filteredOn(q -> q.datasourceType().equals(Dashboards.CASSANDRA))
                .allSatisfy(q -> {
                    assertThat(q.text()).as(q.panelTitle()).startsWith("SELECT ");
                    assertThat(q.queryType()).isIn("query", "variable");
                    assertThat(q.format()).isEqualTo("raw");
                });
        assertThat(queries).filteredOn(q -> q.datasourceType().equals(Dashboards.PROMETHEUS))
                .allSatisfy(q -> assertThat(q.queryType()).isIn("range", "instant"));
        assertThat(queries).filteredOn(q -> q.refId().equals("variable")).extracting(Query::panelTitle)
                .contains("$department", "$branch", "$icd");
    }

    @Test
    void shouldNameTheVariablesAQueryUses() {
        Query q = new Query("b", "p", "A", Dashboards.CASSANDRA, "u",
                "WHERE unit_code IN (${branch:sqlstring}) AND ts >= $__timeFrom AND day = '${__to:date:YYYY-MM-DD}'",
                "query", "raw");

        assertThat(q.variables()).containsExactly("branch", "__timeFrom", "__to");
    }
}
