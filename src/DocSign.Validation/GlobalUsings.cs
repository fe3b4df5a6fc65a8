// The engine's one table of object identifiers lives in DocSign.Signing (shared with the signer).
global using Oids = DocSign.Signing.Oids;

// The report renderers (Reports/) are used across the engine (batch summaries, the verifier's JSON).
global using DocSign.Validation.Reports;
