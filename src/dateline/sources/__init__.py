"""Sources: attributed claims (who said what) and corroboration."""
