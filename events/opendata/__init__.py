"""Open data for the recovery community: machine-readable feeds other finders can import."""
