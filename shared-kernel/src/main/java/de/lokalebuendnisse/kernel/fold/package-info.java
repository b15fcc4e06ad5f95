/**
 * Each stream's fold, written once: what an award period has recorded ({@link
 * de.lokalebuendnisse.kernel.fold.AwardPeriodState}, with {@link de.lokalebuendnisse.kernel.fold.PeriodFacts} and
 * per alliance {@link de.lokalebuendnisse.kernel.fold.AllianceFacts}), an alliance's status ({@link
 * de.lokalebuendnisse.kernel.fold.AllianceStatus}) and the holders of a period's seal ({@link
 * de.lokalebuendnisse.kernel.fold.SealHolders}). Pure records and functions, like
 * {@link de.lokalebuendnisse.kernel.seal.SealEligibility#decide}: the SealAward aggregate's sourcing handlers, the
 * eligibility view, the answers as of an instant, the command side's recorded facts and the award intake process all
 * evolve their state with these, so they cannot drift apart. A stream read by a service reaches the kernel as
 * {@link de.lokalebuendnisse.kernel.fold.RecordedEvent}s: plain data, not the framework's messages.
 */
package de.lokalebuendnisse.kernel.fold;
