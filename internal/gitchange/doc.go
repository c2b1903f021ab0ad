// Package gitchange asks git which files of a project differ from a ref:
// its one job is the list of files a --changed-since run looks at, as a
// pull request's check needs it. Changed lists what was committed since
// the ref's branch point (the merge base of the ref and HEAD, as
// git diff REF...HEAD does, so that commits made on the base branch since
// are not counted), what changed since in the index or the work tree, and
// the new files git does not ignore. A renamed file is listed under both
// its names, a removed one too; paths come back as git stores them (read
// with -z: never quoted), relative to the project's root, with '/'.
//
// git runs with its arguments given one by one (no shell), in the
// project's root, with the environment variables that would point it at
// another repository (GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE…) removed, and
// without refreshing the index's stat data: listing changes writes
// nothing, and takes no lock a commit run meanwhile could fail on. (So a
// file touched since git last looked, its content the same, is listed: a
// file checked for nothing, never one missed.) A ref that begins with '-' is refused
// before git sees it, so that it cannot pass an option (--output=FILE);
// git's output is read up to a bound.
//
// git reads the repository's own configuration (.git/config), which is not
// part of what a pull request can change, as any git command in the clone
// does; Changed turns off the parts of it that run programs for a diff
// (external diff, textconv, fsmonitor), but not the clean filters git
// runs to compare a changed work-tree file.
package gitchange
