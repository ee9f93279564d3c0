"""The trust side of Ward Huddle: a replica of every ward, and what matron reads from them.

A trust PC keeps one ordinary ward database per ward (a *replica*), pulled
from the trust server with the same code a ward PC uses (:mod:`.replicas`);
the overview, the trust report and the trust view read those replicas through
the same services the ward's own Today and ``huddle measures`` use
(:mod:`.overview`), so a count can never disagree with the ward's own screen.
"""
