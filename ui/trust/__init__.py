"""The trust view: every ward on one screen, a ward opened read-only, the tier-2 huddle."""
