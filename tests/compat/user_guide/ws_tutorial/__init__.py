"""The WebSocket server of the Falcon 4.4 user guide's WebSocket tutorial."""
