package mysql

import (
	"strings"
	"time"

	"github.com/ourspace/ourspace/domain/calendar"
)

// zeroDay fills DATE and DATETIME parameters of filters that are off.
var zeroDay = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// timeOfDate gives the value a DATE column stores for d. The driver writes a
// time.Time in UTC (loc=UTC), so the date parts must be those of d in UTC.
func timeOfDate(d calendar.Date) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
}

// dateOfTime reads a DATE column back into a Seoul calendar date.
func dateOfTime(t time.Time) calendar.Date {
	return calendar.MustDate(t.Year(), t.Month(), t.Day())
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// escapeLike makes a user's word match itself literally in LIKE.
func escapeLike(s string) string { return likeEscaper.Replace(s) }
