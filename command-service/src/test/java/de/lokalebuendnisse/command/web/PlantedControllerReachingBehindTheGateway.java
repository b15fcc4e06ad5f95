package de.lokalebuendnisse.command.web;

/** Breaks the web rule on purpose (a controller that uses the database and a process): shows the rule can fail. */
public class PlantedControllerReachingBehindTheGateway {
    public com.mongodb.client.MongoDatabase database;
    public de.lokalebuendnisse.command.seal.PlantedFeatureProcess process;
}
