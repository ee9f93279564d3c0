"""Screens for learning the PSIRF way: SWARM huddles and After Action Reviews,
the "not yet reported" flag, the speak-up pulse and the patient's voice."""
