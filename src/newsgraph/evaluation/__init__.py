"""Readers and scorers of the public gold data in ../shared (PolNeAR, GeoWebNews, TBAQ,
NGEC, PLOVER, Emergent, ...), shared by benchmarks/ and the tests' quality gates."""
