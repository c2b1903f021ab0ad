// Package media finds the files an article's figures show, and decides
// which of them the editions may publish.
//
// A figure's address is read as the HTML edition's reader reads it
// (CommonMark: backslash escapes and character references resolved, then
// percent-decoded). An absolute address (https://…, //host/…) or a
// site-absolute one (/img/x.jpg, which the site generator serves) is left
// to the site: External reports it. A relative one names a file beside the
// article, as Hugo's page bundles and plain Markdown resolve it: Folder
// resolves it inside the content folder, and publishes it only if it stays
// there, passes through no symbolic link and no hidden folder, is a regular
// file of at most MaxSize bytes and holds, by its content, a JPEG, PNG, GIF
// or WebP image (Sniff). Anything else is a Problem at the figure's line:
// the editions show its caption alone.
//
// SVG is never published: it is XML that can carry script, which runs on
// the site when the file is opened on its own, and no sanitiser we would
// trust with it is small. A newsroom exports its charts as PNG, or serves
// SVG from the site itself (/img/chart.svg), under the site's own policy.
//
// The package reads through an fs.FS and returns values; it writes nothing.
package media
