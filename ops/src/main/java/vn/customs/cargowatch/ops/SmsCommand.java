package vn.customs.cargowatch.ops;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.customs.cargowatch.connectors.sms.DeliveryReceipt;
import vn.customs.cargowatch.connectors.sms.SentSms;
import vn.customs.cargowatch.connectors.sms.SmsLedger;
import vn.customs.cargowatch.model.Times;
import vn.customs.cargowatch.ops.config.ConfigFile;

/**
 * {@code ./cargowatch sms}: the alert SMS sent and whether the phones got them (3740 §II.4: the officer on duty is
 * told by text message — a supervisor has to know when that failed, to call instead), read from the SMS ledger
 * the job keeps ({@link SmsLedger}): each SMS with the delivery receipts of its segments.
 */
@Command(name = "sms", mixinStandardHelpOptions = true,
        description = "List the alert SMS sent and whether they were delivered (from the SMS ledger).")
final class SmsCommand implements Callable<Integer> {

    @Option(names = "--ledger", paramLabel = "FILE",
            description = "the SMS ledger: a replay's is <output>/sms-ledger.jsonl")
    Path ledger;

    @Option(names = "--config", paramLabel = "FILE",
            description = "the configuration of `run`: its sms.ledger, else sms-ledger.jsonl beside checkpoint.dir")
    Path config;

    @Option(names = "--alert", paramLabel = "ALERT_ID",
            description = "only the SMS of this alert; the 8 characters an SMS shows are enough")
    String alert;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Path file = ledgerFile();
        if (Files.isDirectory(file)) {
            throw new UserError("the SMS ledger " + file + " is a folder, not a file");
        }
        if (!Files.exists(file)) {
            throw new UserError("no SMS ledger at " + file + ": nothing was texted yet, or the job keeps it "
                    + "elsewhere (--ledger FILE, or sms.ledger in --config)");
        }
        List<SentSms> messages;
        try {
            messages = about(file, alert);
        } catch (IOException e) {
            throw new UserError("cannot read the SMS ledger " + file + ": " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(describe(file, messages, alert));
        out.flush();
        return 0;
    }

    /** The SMS of the ledger {@code file} about {@code alert} (its id, or the first characters of it); all if null. */
    static List<SentSms> about(Path file, String alert) throws IOException {
        return SmsLedger.read(file).stream()
                .filter(sms -> alert == null || (sms.alertId() != null
                        && sms.alertId().toLowerCase(Locale.ROOT).startsWith(alert.toLowerCase(Locale.ROOT))))
                .toList();
    }

    private Path ledgerFile() {
        if (ledger != null && config != null) {
            throw new UserError("give either --ledger FILE or --config FILE, not both");
        }
        if (ledger != null) {
            return ledger;
        }
        return RunCommand.smsLedger(ConfigFile.settings(config));
    }

    /** The table printed: one line per SMS, then how many were delivered, failed, await a receipt. */
    static String describe(Path file, List<SentSms> messages, String alert) {
        StringBuilder text = new StringBuilder();
        text.append("SMS in ").append(file).append(alert != null ? " for alert " + alert : "")
                .append(" (Vietnam time)\n");
        if (messages.isEmpty()) {
            return text.append("  none\n").toString();
        }
        text.append(String.format(Locale.ROOT, "  %-11s  %-15s  %-8s  %5s  %s%n", "sent", "phone", "alert", "parts",
                "delivery"));
        int delivered = 0;
        int failed = 0;
        for (SentSms sms : messages) {
            String delivery = switch (sms.delivery()) {
                case DELIVERED -> {
                    delivered++;
                    yield "delivered " + sms.deliveredAt().map(Times::vietnamShort).orElse("");
                }
                case FAILED -> {
                    failed++;
                    DeliveryReceipt why = sms.failure().orElseThrow();
                    yield "NOT DELIVERED: " + why.state() + " (network error " + why.error() + ")";
                }
                case AWAITING -> "no receipt yet";
            };
            text.append(String.format(Locale.ROOT, "  %-11s  %-15s  %-8s  %5s  %s%n",
                    sms.sentAt() == null ? "-" : Times.vietnamShort(sms.sentAt()),
                    sms.recipient() == null ? "-" : sms.recipient(),
                    sms.alertId() == null ? "digest" : sms.alertId().substring(0, Math.min(8, sms.alertId().length())),
                    sms.messageIds().isEmpty() ? "-" : Integer.toString(sms.messageIds().size()), delivery));
        }
        text.append(String.format(Locale.ROOT, "%d SMS: %d delivered, %d not delivered, %d without a receipt yet.%n",
                messages.size(), delivered, failed, messages.size() - delivered - failed));
        if (failed > 0) {
            text.append("Call the officers whose SMS was not delivered: the alert did not reach them.\n");
        }
        if (messages.stream().allMatch(sms -> sms.receipts().isEmpty())) {
            text.append("No delivery receipt at all: sms.jsonl (no SMSC configured) has none, or the SMSC sends "
                    + "none.\n");
        }
        return text.toString();
    }
}
