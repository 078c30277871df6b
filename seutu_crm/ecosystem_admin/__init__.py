"""The *Ecosystem* part of the admin: town profiles, the actor network, benchmarking."""
