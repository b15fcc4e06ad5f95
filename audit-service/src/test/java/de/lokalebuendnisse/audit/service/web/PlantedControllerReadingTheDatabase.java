package de.lokalebuendnisse.audit.service.web;

/** Breaks the web rule on purpose (a controller that reads the database itself): shows the rule can fail. */
public class PlantedControllerReadingTheDatabase {
    public com.mongodb.client.MongoDatabase database;
}
