package httpapi

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/ourspace/ourspace/domain/notification"
)

// TestNotificationKindsAreDocumented keeps the contract's enum of kinds in
// step with the domain's.
func TestNotificationKindsAreDocumented(t *testing.T) {
	f, _ := reflect.TypeOf(NotificationOut{}).FieldByName("Kind")
	documented := strings.Split(f.Tag.Get("enum"), ",")
	var kinds []string
	for _, k := range notification.Kinds {
		kinds = append(kinds, string(k))
	}
	slices.Sort(documented)
	slices.Sort(kinds)
	if !slices.Equal(documented, kinds) {
		t.Errorf("documented kinds %v, domain kinds %v", documented, kinds)
	}
}
