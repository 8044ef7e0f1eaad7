package vn.customs.cargowatch.model;

/**
 * Where an alert stands in its handling (3740 §II.4). PROPOSED is an officer's proposal to ask another unit to verify
 * on site, pending the Branch leader's approval (§II.4.1.a–b). It comes last although it falls between VERIFIED and
 * ESCALATED: values are only ever appended, so that the order of states already kept or compared does not move.
 */
public enum AlertState { OPEN, ACKNOWLEDGED, VERIFIED, ESCALATED, RESOLVED, CLOSED, PROPOSED }
