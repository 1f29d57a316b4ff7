"""Rules stage: YAML rule files, a small engine and one module per rule kind."""
