package de.lokalebuendnisse.platform.plantedstandin;

/**
 * Stands in for a class of the platform module in the audit trail's architecture test: the rule looks at package names only,
 * so a planted violation needs no such library on the test class path.
 */
public final class PlatformStandIn {
}
