"""The ecosystem analysis (WP1–WP3): computed from the register, never typed in.

Plain modules, no views: :mod:`.figures` counts the register once per question, and the
town profile (:mod:`.profile`), the benchmark across towns (:mod:`.benchmark`), the actor
network (:mod:`.network`) and the daily snapshots (:mod:`.snapshots`) are made of those counts.
"""
