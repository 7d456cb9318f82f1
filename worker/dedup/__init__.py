"""Deduplication: match a reported incident against earlier ones, and merge."""
