package vn.customs.cargowatch.model;

/** Where an alert stands in its handling (3740 §II.4). */
public enum AlertState { OPEN, ACKNOWLEDGED, VERIFIED, ESCALATED, RESOLVED, CLOSED }
