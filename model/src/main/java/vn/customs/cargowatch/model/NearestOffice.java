package vn.customs.cargowatch.model;

/** The customs unit nearest an alert's place, the one to ask for an on-site check (3740 §II.4). */
public record NearestOffice(String unitCode, String name, double distanceKm) {}
