//go:build race

package testrace

const enabled = true
