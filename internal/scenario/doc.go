// Package scenario runs worked cases, written as facts, through the rules.
//
// A case states a nation, its facts and the expected outcome. The runner
// walks the nation's tree choosing, at each question, the one option whose
// facts match the case, so rewording or reordering questions never changes
// what a case proves.
package scenario
