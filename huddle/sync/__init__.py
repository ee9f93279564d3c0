"""Sync between a ward's PCs and the trust's server (issue 18).

Each database is a device with its own id; every change the services make is
numbered in that device's sequence for the ward (:mod:`huddle.sync.feed`).
Changes travel to PostgreSQL (:mod:`huddle.sync.server`) or in signed bundle
files (:mod:`huddle.sync.bundle`), and arrive through the same write path as a
local edit (:mod:`huddle.sync.apply`). Nothing here depends on clocks agreeing.
"""
