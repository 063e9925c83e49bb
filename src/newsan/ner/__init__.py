"""Named-entity backends: the registry, the rules, camel-tools, and newsan's own CRF, network and ensemble."""
