"""Table models over the services' frozen records, one class per list the app shows."""
