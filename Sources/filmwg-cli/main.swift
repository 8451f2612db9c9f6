print("filmwg")
