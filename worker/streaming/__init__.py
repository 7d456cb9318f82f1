"""Kafka wiring: the only layer that imports faust or aiokafka."""
