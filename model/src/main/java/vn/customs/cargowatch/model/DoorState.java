package vn.customs.cargowatch.model;

public enum DoorState { OPEN, CLOSED }
