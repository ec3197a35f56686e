"""The Word frame and the model wording of the contract, editable by union staff.
This file only makes the folder installable as package data; it holds no code."""
