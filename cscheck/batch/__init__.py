"""Many documents: `discover` finds them, `pool` checks them with a time limit (here or in worker
processes), `run` ties a whole run together (settings per document, submissions, waivers)."""
