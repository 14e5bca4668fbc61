"""Readers and scorers for public gold data, shared by benchmarks/ and the quality gates."""
