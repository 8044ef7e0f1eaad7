package vn.customs.cargowatch.servers;

import java.time.Instant;
import java.util.List;

/**
 * One complete message the test SMSC received: one line of its {@code received.jsonl}.
 *
 * @param recipient the destination address of the submits
 * @param sender their source address
 * @param text the text, its parts put back together and decoded (UCS-2 for data coding 0x08)
 * @param segments how many submits carried it
 * @param dataCoding the data coding of its submits ({@code 8}: UCS-2)
 * @param messageIds the ids the server answered the segments with, in segment order
 * @param receivedAt when its last segment arrived
 */
public record ReceivedSms(
        String recipient,
        String sender,
        String text,
        int segments,
        int dataCoding,
        List<String> messageIds,
        Instant receivedAt) {}
