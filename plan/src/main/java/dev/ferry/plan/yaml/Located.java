package dev.ferry.plan.yaml;

import org.yaml.snakeyaml.nodes.Node;

/** A value read from the plan together with the text it came from, for problems found after reading. */
record Located<T>(T value, Node node, String path) {}
