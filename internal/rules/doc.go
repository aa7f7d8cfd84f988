// Package rules loads, validates and walks the NHS charging decision trees.
//
// The law lives in YAML files (one per nation, a shared facts vocabulary and
// a list of organisations that help); this package knows nothing about it
// beyond the shape of those files. A tree is a directed acyclic graph of
// questions, whose options stand for facts, ending in cited outcomes.
package rules
