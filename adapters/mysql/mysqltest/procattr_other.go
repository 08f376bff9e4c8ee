//go:build !linux

package mysqltest

import "syscall"

// dieWithParent has no portable form outside Linux: a killed test binary
// may leave its server running there.
func dieWithParent() *syscall.SysProcAttr { return nil }
