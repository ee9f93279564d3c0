"""Ward Huddle's Qt desktop app. It calls huddle's services; it never runs SQL."""
