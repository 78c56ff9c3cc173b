package wildrydes.lab.producer;

import java.nio.charset.StandardCharsets;

/**
 * One sensor reading. {@link #toJson()} writes it as the original producer did: one JSON
 * object, fields in the order Name, StatusTime, Latitude, Longitude, Distance, MagicPoints,
 * HealthPoints, with the shortest decimal form of each coordinate. {@link #toBytes()}, the
 * record put on the stream, ends it with a newline as the workshop's later client does, so that
 * records delivered to the data lake concatenate into newline-delimited JSON.
 */
public record Reading(String name, String statusTime, double latitude, double longitude, int distance,
                      int magicPoints, int healthPoints) {

    public String toJson() {
        StringBuilder json = new StringBuilder(192);
        json.append("{\"Name\":");
        appendString(json, name);
        json.append(",\"StatusTime\":");
        appendString(json, statusTime);
        json.append(",\"Latitude\":").append(latitude)
                .append(",\"Longitude\":").append(longitude)
                .append(",\"Distance\":").append(distance)
                .append(",\"MagicPoints\":").append(magicPoints)
                .append(",\"HealthPoints\":").append(healthPoints)
                .append('}');
        return json.toString();
    }

    /** The record's data: the JSON object and a newline. */
    public byte[] toBytes() {
        return (toJson() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void appendString(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
