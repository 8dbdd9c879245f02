package notice

import "slices"

// List is the notices a command works through in order, each once: those
// the caller holds, or the folders of notices read and checked once, every
// one before any is worked on. Of those read, the first keptNotices are kept
// for their turn, and given up as each is taken; the others are read again
// one at a time as each is taken, so that the command does not hold every
// parsed notice (about 23 KB each) while it works: with a thousand notices
// they were half the live heap of a build, and the collector, which marks
// them in every cycle, took a third more time per edition of a verify.
type List struct {
	held []*Notice
	dirs []string
	kept []*Notice // by index in dirs; nil once taken
}

// keptNotices is how many notices a List keeps from reading them all first,
// about 5 MB: a project of that many notices is read once, which is most of
// the time a build that changes nothing takes.
var keptNotices = 200

// Held returns the list of notices the caller holds, which it never gives up.
func Held(notices []*Notice) *List { return &List{held: notices} }

// NewList returns the list of notices, which Load read from their folders:
// it keeps the first of them and reads each other again from its folder
// when it is taken. The caller gives up notices for the others to be freed.
func NewList(notices []*Notice) *List {
	l := &List{dirs: make([]string, len(notices)), kept: slices.Clone(notices[:min(len(notices), keptNotices)])}
	for i, n := range notices {
		l.dirs[i] = n.Dir
	}
	return l
}

// LoadList reads and checks the notices in dirs as LoadAll does, and returns
// their List.
func LoadList(dirs []string) (*List, error) {
	all, err := LoadAll(dirs)
	if err != nil {
		return nil, err
	}
	return NewList(all), nil
}

// Len returns the number of notices in l.
func (l *List) Len() int {
	if l.held != nil {
		return len(l.held)
	}
	return len(l.dirs)
}

// Notice returns the i'th notice: as held, as kept, or read from its
// folder. A kept notice is given up: each is asked for once.
func (l *List) Notice(i int) (*Notice, error) {
	if l.held != nil {
		return l.held[i], nil
	}
	if i < len(l.kept) && l.kept[i] != nil {
		n := l.kept[i]
		l.kept[i] = nil
		return n, nil
	}
	return Load(l.dirs[i])
}

// All returns every notice of l, in its order, as Notice would one by one:
// the kept ones as they are, and given up; the others read again from their
// folders, side by side, by LoadAll.
func (l *List) All() ([]*Notice, error) {
	if l.held != nil {
		return l.held, nil
	}
	all := make([]*Notice, len(l.dirs))
	var missing []int
	var dirs []string
	for i := range all {
		if i < len(l.kept) && l.kept[i] != nil {
			all[i], l.kept[i] = l.kept[i], nil
		} else {
			missing, dirs = append(missing, i), append(dirs, l.dirs[i])
		}
	}
	read, err := LoadAll(dirs)
	if err != nil {
		return nil, err
	}
	for k, i := range missing {
		all[i] = read[k]
	}
	return all, nil
}
