"""journeymap."""
