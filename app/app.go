// Package app lists the use cases of OurSpace. Adapters drive them; cmd wires
// them to their ports.
package app

import "github.com/ourspace/ourspace/app/query"

// Application is every use case, grouped by side.
type Application struct {
	Queries Queries
}

// Queries are the read-side use cases.
type Queries struct {
	Reference         query.ReferenceHandler
	SearchSpaces      query.SearchSpacesHandler
	GetSpace          query.GetSpaceHandler
	SpaceAvailability query.SpaceAvailabilityHandler
}
