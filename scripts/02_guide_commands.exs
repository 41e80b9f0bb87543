# The same story in short commands. Each one stands for one Elixir expression
# (type `explain on` to see which) and prints what that expression prints.
start 321 :test
state :test
start 42 "cool_name"
state "cool_name"
lookup "cool_name"
terminate "cool_name"
lookup "cool_name"
children
count
