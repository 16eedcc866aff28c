module emu-guest-go

go 1.19
