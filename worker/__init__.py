"""Turns news articles on a Kafka topic into deduplicated, versioned incident records."""

__version__ = "0.1.0"
