// Command tilmash localises Markdown articles: it extracts translatable
// units into go-i18n catalogues, keeps translations in step with the source,
// and builds an edition of every article in every locale.
//
// Run "tilmash --help" for the commands.
package main

import (
	"os"

	"github.com/tilmash/tilmash/internal/cli"
	"github.com/tilmash/tilmash/internal/gcpace"
)

func main() {
	gcpace.Start(gcpace.First) // a small project's command never collects
	os.Exit(cli.Main(os.Args[1:], cli.IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}))
}
