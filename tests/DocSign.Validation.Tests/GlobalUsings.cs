// The engine's one table of object identifiers lives in DocSign.Signing (shared with the signer).
global using Oids = DocSign.Signing.Oids;
