package wildrydes.lab.producer;

import java.util.Random;

/**
 * The simulated unicorn of the Wild Rydes lab, exactly as the original producer moved it: from
 * Midtown Manhattan in a straight line on a bearing drawn once, a speed band drawn once
 * ({@code 100 + rand(0..99)} metres a second, plus {@code rand(0..19)} each second), and magic
 * and health points that each take a random step of -1, 0 or +1 (probabilities 1/4, 1/2, 1/4)
 * before every reading.
 */
public final class Unicorn {
    public static final double START_LATITUDE = 40.749167;
    public static final double START_LONGITUDE = -73.985184;

    private final String name;
    private final Random random;
    private final double bearing;
    private final int minSpeed;
    private double latitude = START_LATITUDE;
    private double longitude = START_LONGITUDE;
    private int magicPoints = 150;
    private int healthPoints = 150;

    public Unicorn(String name, Random random) {
        this.name = name;
        this.random = random;
        this.bearing = random.nextDouble() * 2 * Math.PI;
        this.minSpeed = 100 + random.nextInt(100);
    }

    public String name() {
        return name;
    }

    /** One simulated second: move, update the points, and describe the result. */
    public Reading step(String statusTime) {
        int distance = minSpeed + random.nextInt(20);
        latitude += distance * Math.sin(bearing) / 110540;
        longitude += distance * Math.cos(bearing) / (111320 * Math.cos(Math.PI * latitude / 180));
        magicPoints += randomStep();
        healthPoints += randomStep();
        return new Reading(name, statusTime, latitude, longitude, distance, magicPoints, healthPoints);
    }

    private int randomStep() {
        int roll = random.nextInt(4);
        return roll == 0 ? -1 : roll == 3 ? 1 : 0;
    }
}
