package vn.customs.cargowatch.ops;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.customs.cargowatch.connectors.files.FileInputs;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.ActionSignature;
import vn.customs.cargowatch.ops.config.ConfigFile;
import vn.customs.cargowatch.ops.demo.ConsoleOutputs;
import vn.customs.cargowatch.ops.embedded.LocalJobRunner;
import vn.customs.cargowatch.ops.embedded.ReplaySummary;
import vn.customs.cargowatch.ops.simulator.SealTrafficSimulator;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Simulate a day of seal and ICD gate traffic and run the pipeline on it locally, printing alerts "
                + "and gate decisions as they are made.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "demo-output", paramLabel = "DIR",
            description = "folder for the simulated input and the job's output (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--trips", defaultValue = "36", description = "number of trips (default ${DEFAULT-VALUE})")
    int trips;

    @Option(names = "--seed", defaultValue = "7", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (rule thresholds)")
    Path config;

    @Option(names = "--send-sms", description = "text the alert SMS over SMPP to the SMSC of sms.smpp.* (the "
            + "simulated trips' phones are made up: a test SMSC's business); without it they go to sms.jsonl")
    boolean sendSms;

    @Override
    public Integer call() throws Exception {
        if (trips < 1) {
            throw new UserError("--trips must be at least 1");
        }
        ConfigFile.Settings settings = ConfigFile.settings(config);
        ReplayOutputs.checkSendSms(settings, sendSms);
        ActionSignature.Key actionsKey = settings.pipelineActionsKey(System.out);
        Path input = out.resolve("input");
        Path output = out.resolve("output");
        ReplayCommand.prepareOutput(input);
        ReplayCommand.prepareOutput(output);
        new SealTrafficSimulator(seed, trips, SimulateCommand.DEMO_DAY).writeTo(input);
        System.out.println("Simulated " + trips + " sealed trips on northern Vietnam corridors (Hải Phòng – Hà Nội"
                + " – Móng Cái – Lạng Sơn) into " + input.toAbsolutePath() + ", the gate cameras' photos into "
                + input.resolve(SealTrafficSimulator.IMAGES).toAbsolutePath());
        JobExecutionResult result;
        try (ReplayOutputs files = ReplayOutputs.begin(settings, output, sendSms)) {
            System.out.println("Running the cargowatch pipeline on a local Flink; alerts and gate decisions as they "
                    + "are made (times in Vietnam time):");
            result = LocalJobRunner.run(new FileInputs(input), new ConsoleOutputs(files.outputs()),
                    settings.seal(), ReplayOutputs.cameraFolders(settings, input, output), settings.sms(), actionsKey,
                    "cargowatch demo",
                    settings.embeddedFlinkSettings());
            files.commit();
        }
        ReplaySummary.of(input, output, result).print(System.out, output);
        System.out.println("Replay the same input with: ./cargowatch replay --input " + input + " --output DIR");
        return 0;
    }
}
