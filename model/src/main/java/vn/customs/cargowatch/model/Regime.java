package vn.customs.cargowatch.model;

/** The customs regime of a sealed trip, as counted in the monthly report (3740 Phụ lục IV). */
public enum Regime { BORDER_GATE_TRANSFER, TEMP_IMPORT_REEXPORT, TRANSIT, BONDED_WAREHOUSE, OTHER }
