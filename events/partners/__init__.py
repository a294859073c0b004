"""Partner organisations: who runs or co-hosts an event, and in which campaigns a partner is
trusted to publish without review."""
